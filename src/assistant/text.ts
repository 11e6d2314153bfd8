// Small text helpers for phone-sized answers.

/** Collapses whitespace and cuts at a word boundary with an ellipsis. */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[;:,.\s]+$/, '')}…`;
}

/** A procedure name as a button label: no leading "Thủ tục", capitalised, at most `max` characters. */
export function nameLabel(name: string, max = 60): string {
  const bare = name.replace(/^\s*thủ tục\s+/iu, '');
  return clip(bare.charAt(0).toUpperCase() + bare.slice(1), max);
}
