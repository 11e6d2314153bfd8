// What a citizen's lookup may show of the applicant: a masked name, never the phone number.

/** "Nguyễn Văn An" → "Nguyễn V. A."; one word stays as its initial. */
export function maskName(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const initial = (w: string) => `${[...w][0]!.toLocaleUpperCase('vi')}.`;
  if (words.length === 1) return initial(words[0]!);
  return [words[0]!, ...words.slice(1).map(initial)].join(' ');
}

/** The last four digits of a phone number as stored; undefined when it has fewer. */
export function phoneLast4(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : undefined;
}
