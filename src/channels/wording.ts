// Citizen-facing sentences the channels say themselves, before anything reaches the engine.
import { textReply } from '../conversation/message';

/** Longest question a channel passes to the engine; longer ones get TOO_LONG. */
export const MAX_QUESTION_CHARS = 2000;

export const NON_TEXT = textReply('Mình chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi, ví dụ: "làm giấy khai sinh cần gì".');
export const EMPTY_TEXT = textReply('Bạn hãy gõ câu hỏi về thủ tục, ví dụ: "làm giấy khai sinh cần gì".');
export const TOO_LONG = textReply(`Tin nhắn dài quá (tối đa ${MAX_QUESTION_CHARS.toLocaleString('vi-VN')} ký tự). Bạn hãy hỏi ngắn gọn hơn.`);
