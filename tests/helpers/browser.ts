// Headless Chromium driven by playwright-core, with the flags this sandboxed, offline machine
// needs. The browser is, in order: CHROMIUM_PATH when set; a system Chromium or Chrome when one
// is installed; otherwise the Chromium and fonts shipped in the `@sparticuz/chromium` package,
// unpacked once into node_modules/.cache, so the tests need nothing but `npm ci`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserBinary {
  executablePath: string;
  /** Extra environment for the browser process (the packaged fonts). */
  env?: Record<string, string>;
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

/** The system browser the tests would use, or undefined when the machine has none. */
export function systemChromium(): string | undefined {
  return SYSTEM_CHROMIUMS.find((candidate) => fs.existsSync(candidate));
}

/**
 * Unpacks the packaged Chromium (binary, SwiftShader, Open Sans with Vietnamese glyphs) into
 * node_modules/.cache/motcua-chromium/<version>. Concurrent test workers each unpack into a
 * directory of their own and rename it into place; the first rename wins.
 */
export async function packagedChromium(): Promise<BrowserBinary> {
  const pkgDir = path.join(ROOT, 'node_modules/@sparticuz/chromium');
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const target = path.join(ROOT, 'node_modules/.cache/motcua-chromium', version);
  const binary = path.join(target, 'chromium');
  if (!fs.existsSync(path.join(target, 'ready'))) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const work = fs.mkdtempSync(`${target}.tmp-`);
    // The package unpacks into os.tmpdir(), read from TMPDIR at each call.
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = work;
    try {
      const { default: Chromium } = await import('@sparticuz/chromium');
      await Chromium.executablePath(path.join(pkgDir, 'bin'));
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
    // The package's fonts.conf names Lambda's directories; this one names ours (and the
    // system's, where there are any).
    fs.writeFileSync(
      path.join(work, 'fonts', 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${target}/fonts/fonts</dir>\n  <dir>/usr/share/fonts</dir>\n` +
        `  <cachedir>${target}/fonts-cache</cachedir>\n</fontconfig>\n`,
    );
    fs.writeFileSync(path.join(work, 'ready'), `${version}\n`);
    try {
      fs.renameSync(work, target);
    } catch {
      // Another worker got there first: use its copy.
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  return { executablePath: binary, env: { FONTCONFIG_PATH: path.join(target, 'fonts') }, source: '@sparticuz/chromium' };
}

export async function findBrowser(): Promise<BrowserBinary> {
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  const system = process.env.MOTCUA_TEST_PACKAGED_CHROMIUM === '1' ? undefined : systemChromium();
  if (system) return { executablePath: system, source: 'system' };
  return packagedChromium();
}

export async function launchBrowser(): Promise<Browser> {
  const binary = await findBrowser();
  return chromium.launch({
    executablePath: binary.executablePath,
    headless: true,
    args: FLAGS,
    ...(binary.env ? { env: { ...process.env, ...binary.env } } : {}),
  });
}
