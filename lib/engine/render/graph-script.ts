import fs from "node:fs";

// A thousand-cut filtergraph is longer than Linux lets one command-line argument be
// (128 KiB), so long graphs go to a file read with -filter_complex_script. The file is
// `<base>.graph`; the caller removes it when the run ends.

const INLINE_LIMIT = 64 * 1024;

export function withGraphScript(args: string[], base: string): string[] {
  const i = args.indexOf("-filter_complex");
  if (i < 0 || args[i + 1].length <= INLINE_LIMIT) return args;
  const file = `${base}.graph`;
  fs.writeFileSync(file, args[i + 1]);
  return [...args.slice(0, i), "-filter_complex_script", file, ...args.slice(i + 2)];
}
