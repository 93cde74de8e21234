// The one escaping function for values placed inside an ffmpeg filtergraph (today: the
// ASS file path for the `ass` filter). Two levels, as ffmpeg's filtergraph docs say:
// first the option value (`\`, `'`, `:` are special to av_get_token), then the
// filtergraph description (`\`, `'`, `[`, `]`, `,`, `;`). User text never goes
// through here: it goes into the ASS file.

export function escapeFilterValue(value: string): string {
  const optionLevel = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return optionLevel.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}
