// Mẫu 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (Circular 01/2018/TT-VPCP), drafted for
// the officer to complete and send. The applicant's name and phone are deliberately left out:
// this text travels through Telegram/Zalo, and the name is on the paper receipt (Mẫu 01) the
// officer has in hand, so the form keeps a blank for it, as for the reason and the new date.
import { reply, type Reply } from '../conversation/message';
import { formatDay, localDay } from '../local-time';

export interface ApologyInput {
  dossierCode: string;
  unit: string;
  procedureName?: string;
  receivedAt: number;
  dueAt: number;
  /** "10:00" when due during the office day (a time in hours). */
  dueTime?: string;
}

export function apologyText(input: ApologyInput): string {
  const procedure = input.procedureName ? ` (thủ tục ${input.procedureName})` : '';
  return [
    'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    'Kính gửi: Ông/Bà ……………………',
    `${input.unit} xin lỗi Ông/Bà vì hồ sơ mã số ${input.dossierCode}${procedure}, tiếp nhận ngày ${formatDay(localDay(input.receivedAt))}, hẹn trả kết quả ${input.dueTime ? `lúc ${input.dueTime} ` : ''}ngày ${formatDay(localDay(input.dueAt))}, chưa giải quyết xong đúng hạn.`,
    'Lý do: ……………………',
    'Chúng tôi xin hẹn trả kết quả vào ngày ……/……/……….',
    'Mong Ông/Bà thông cảm. Xin trân trọng cảm ơn!',
  ].join('\n');
}

/** The chat message carrying the draft: a short instruction, then the form text to copy. */
export function apologyReply(input: ApologyInput): Reply {
  return reply([
    { type: 'heading', text: `Mẫu 04 cho hồ sơ ${input.dossierCode}` },
    { type: 'text', text: 'Hồ sơ đến hạn ngày làm việc tới mà chưa xong. Điền tên người nộp (theo phiếu tiếp nhận), lý do, ngày hẹn mới rồi gửi trước hạn. Chỉ được hẹn lại một lần.' },
    { type: 'text', text: apologyText(input) },
  ]);
}
