// Which links a chat platform will accept as a button: Telegram and Zalo refuse buttons that
// point at http:// or local addresses, so those links travel in the message text instead.
export function isPublicHttpsUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !/^(localhost|127\.|0\.0\.0\.0|\[::1\])/.test(parsed.hostname);
  } catch {
    return false;
  }
}

export function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}
