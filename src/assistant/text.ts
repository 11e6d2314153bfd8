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

/**
 * Button labels for several procedure names: `nameLabel` each, except that names whose labels
 * would read the same ("Cấp lại chứng nhận đăng ký xe, biển số xe thực hiện bằng…" online and at
 * the counter) keep the start they share, shortened, and show the words that tell them apart.
 */
export function nameLabels(names: readonly string[], max = 60): string[] {
  const labels = names.map((n) => nameLabel(n, max));
  const words = names.map((n) => nameLabel(n, Number.MAX_SAFE_INTEGER).split(' '));
  return labels.map((label, i) => {
    const same = labels.flatMap((l, j) => (l === label && names[j] !== names[i] ? [j] : []));
    if (same.length === 0) return label;
    // Words shared with every look-alike, from the start.
    let k = 0;
    while (k < words[i]!.length - 1 && same.every((j) => words[j]![k] === words[i]![k])) k++;
    const tail = clip(words[i]!.slice(k).join(' '), Math.floor(max / 2));
    return `${clip(words[i]!.slice(0, k).join(' '), max - tail.length - 2).replace(/…$/, '')}… ${tail}`;
  });
}
