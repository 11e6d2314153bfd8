// What an unknown address answers: JSON under /api (for programs), a Vietnamese page elsewhere
// (for people who mistyped a link or scanned an old QR code).
import type { RequestHandler } from 'express';

export const API_NOT_FOUND = {
  error: 'not_found',
  message: 'Không có đường dẫn API này. / No such API route.',
} as const;

export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json(API_NOT_FOUND);
};

const PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Không tìm thấy trang</title>
<style>body{font-family:system-ui,"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:17px;line-height:1.5;max-width:36em;margin:2em auto;padding:0 1em;color:#111}a{color:#1d4ed8}</style>
</head><body>
<h1>Không tìm thấy trang</h1>
<p>Địa chỉ này không có trên hệ thống. Có thể liên kết đã cũ hoặc bị gõ nhầm.</p>
<ul>
<li><a href="/">Hỏi đáp thủ tục hành chính</a></li>
<li><a href="/listings/">Danh mục thủ tục niêm yết tại các xã, phường</a></li>
</ul>
</body></html>
`;

export const pageNotFound: RequestHandler = (_req, res) => {
  res.status(404).set('Cache-Control', 'no-cache').type('html').send(PAGE);
};
