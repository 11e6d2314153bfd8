// `motcua listing --commune <id> [--format html|md|txt] [--out file] [--all]`: prints or saves
// a commune's simplified procedure listing. Needs only the catalogue, not the database.
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCatalogue } from '../catalogue/loader';
import { UsageError, type CommandIo } from './io';
import { parseConfig } from '../config';
import { listingLinksFromConfig, localOnlyBaseUrl } from '../listings/links';
import { NoProcedureListError, UnknownCommuneError } from '../listings/listing';
import { isListingFormat, LISTING_FORMATS, renderListing, type ListingFormat } from '../listings/render';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'In bảng niêm yết thủ tục đã rút gọn (có mã QR) của một nơi tiếp nhận trong offices.yaml; chỉ cần danh mục, không cần cơ sở dữ liệu.',
  usage: 'motcua listing --commune <id> [--format html|md|txt] [--out tệp] [--all]',
  example: 'motcua listing --commune phuong-hoa-lu --out niem-yet.html',
};


function formatFrom(explicit: string | undefined, out: string | undefined): ListingFormat {
  if (explicit !== undefined) {
    if (!isListingFormat(explicit)) throw new UsageError(`--format must be one of ${LISTING_FORMATS.join(', ')}`);
    return explicit;
  }
  const extension = out?.match(/\.([a-z]+)$/i)?.[1]?.toLowerCase();
  if (extension === 'htm') return 'html';
  if (extension === 'markdown') return 'md';
  return extension !== undefined && isListingFormat(extension) ? extension : 'html';
}

/** What a clerk reads when the desk has no list: why nothing was printed and how to choose. */
function noListMessage(error: NoProcedureListError, dir: string): string {
  const { office, atLevel } = error;
  return [
    `motcua listing: "${office.name}" (${office.id}) chưa có danh sách thủ tục trong ${dir}/offices.yaml, nên không in gì (in cả ${atLevel} thủ tục cùng cấp sẽ ra hàng trăm trang).`,
    'Cách chọn thủ tục niêm yết tại nơi này:',
    `  1. Tìm mã thủ tục: motcua search "khai sinh" (mỗi dòng có mã, ví dụ 1.001193).`,
    `  2. Thêm vào mục của nơi này trong ${dir}/offices.yaml:`,
    `       - id: ${office.id}`,
    '         procedures:',
    '           - 1.001193 # Đăng ký khai sinh',
    '  3. Kiểm tra: motcua validate, rồi chạy lại lệnh này.',
    `Muốn in toàn bộ ${atLevel} thủ tục cùng cấp: thêm --all.`,
    '',
  ].join('\n');
}

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  let values: { commune?: string; format?: string; out?: string; all?: boolean };
  try {
    ({ values } = parseArgs({ args: io.argv, options: { commune: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, all: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}; usage: motcua listing --commune <id> [--format html|md|txt] [--out file] [--all]`);
  }
  if (!values.commune) throw new UsageError('--commune <id> is required (an id from offices.yaml)');
  const format = formatFrom(values.format, values.out);
  const config = parseConfig(io.env);
  const { catalogue, problems } = await loadCatalogue(config.PROCEDURES_DIR);
  if (problems.length > 0) io.stderr.write(`motcua listing: cảnh báo: danh mục thủ tục có ${problems.length} lỗi; xem bằng "motcua validate"\n`);
  const links = listingLinksFromConfig(config);
  const localBase = localOnlyBaseUrl(links);
  if (localBase) io.stderr.write(`motcua listing: cảnh báo: PUBLIC_BASE_URL chưa đặt (hoặc là localhost), nên mã QR và liên kết mở ${localBase}, người dân không vào được; bản in có ghi cảnh báo này. Đặt PUBLIC_BASE_URL=https://<địa chỉ công khai> (hoặc TELEGRAM_BOT_USERNAME) rồi in lại.\n`);
  let result: ReturnType<typeof renderListing>;
  try {
    result = renderListing(catalogue, values.commune, format, { links, now: new Date(), all: values.all === true });
  } catch (error) {
    if (error instanceof NoProcedureListError) {
      io.stderr.write(noListMessage(error, config.PROCEDURES_DIR));
      return 1;
    }
    if (!(error instanceof UnknownCommuneError)) throw error;
    io.stderr.write(`motcua listing: không có nơi tiếp nhận "${values.commune}"; ${error.known.length > 0 ? `offices.yaml có: ${error.known.join(', ')}` : `${config.PROCEDURES_DIR}/offices.yaml chưa có nơi nào`}\n`);
    return 1;
  }
  const { listing, body } = result;
  if (listing.missingCodes.length > 0) io.stderr.write(`motcua listing: cảnh báo: ${listing.missingCodes.length} mã trong offices.yaml không có trong danh mục nên bị bỏ qua: ${listing.missingCodes.join(', ')}\n`);
  if (listing.total === 0) io.stderr.write(`motcua listing: cảnh báo: bảng niêm yết trống; ${config.PROCEDURES_DIR} có ${catalogue.procedures.length} thủ tục nhưng không có thủ tục nào cho nơi này\n`);
  if (values.out) {
    await fs.writeFile(values.out, body, 'utf8');
    io.stderr.write(`motcua listing: đã ghi ${listing.total} thủ tục của ${listing.office.id} vào ${values.out}\n`);
  } else {
    // main() exits right after run(); a large listing piped to another program must be flushed first.
    await new Promise<void>((resolve, reject) => io.stdout.write(body, (error) => (error ? reject(error) : resolve())));
  }
  return 0;
}
