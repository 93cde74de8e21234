import fs from "node:fs";

// Writes a tiny whisper.cpp model (ggml format, English vocabulary layout, one layer,
// 8-wide) whose weights are chosen, not trained: whatever it hears, it says `word` once.
// No real model can be downloaded on the test machines, so this is how the tests run
// the real whisper.cpp binding end to end (child process, token timestamps, merging
// tokens into words) instead of a fake. It recognises nothing; it proves the plumbing.

const STATE = 8;
const AUDIO_CTX = 1500;
const TEXT_CTX = 448;
const MELS = 80;
const N_VOCAB = 51864; // English-only layout: eot 50256, sot 50257, timestamps from 50364
const FILE_VOCAB = 1000; // the rest are filled in by whisper.cpp as special/extra tokens
export const TEST_WORD_ID = 500;
const EOT_ID = 50256;

export function makeTestWhisperModel(file: string, word = "hello"): string {
  const parts: Buffer[] = [];
  const i32 = (...v: number[]) => {
    const b = Buffer.alloc(4 * v.length);
    v.forEach((x, k) => b.writeInt32LE(x, 4 * k));
    parts.push(b);
  };
  const f32 = (data: Float32Array) =>
    parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));

  i32(0x67676d6c); // "ggml"
  i32(N_VOCAB, AUDIO_CTX, STATE, 1, 1, TEXT_CTX, STATE, 1, 1, MELS, 0 /* f32 */);
  i32(MELS, 201);
  f32(new Float32Array(MELS * 201).fill(0.01));

  i32(FILE_VOCAB);
  for (let id = 0; id < FILE_VOCAB; id++) {
    const text = Buffer.from(id === 1 ? " " : id === TEST_WORD_ID ? ` ${word}` : ` t${id}`, "utf8");
    i32(text.length);
    parts.push(text);
  }

  const tensor = (name: string, ne: number[], fill?: (data: Float32Array) => void) => {
    const nameBytes = Buffer.from(name, "utf8");
    i32(ne.length, nameBytes.length, 0);
    i32(...ne);
    parts.push(nameBytes);
    const data = new Float32Array(ne.reduce((a, b) => a * b, 1));
    fill?.(data);
    f32(data);
  };
  const block = (prefix: string, cross: boolean) => {
    const attn = (p: string) => {
      tensor(`${p}_ln.weight`, [STATE]);
      tensor(`${p}_ln.bias`, [STATE]);
      tensor(`${p}.query.weight`, [STATE, STATE]);
      tensor(`${p}.query.bias`, [STATE]);
      tensor(`${p}.key.weight`, [STATE, STATE]);
      tensor(`${p}.value.weight`, [STATE, STATE]);
      tensor(`${p}.value.bias`, [STATE]);
      tensor(`${p}.out.weight`, [STATE, STATE]);
      tensor(`${p}.out.bias`, [STATE]);
    };
    tensor(`${prefix}.mlp_ln.weight`, [STATE]);
    tensor(`${prefix}.mlp_ln.bias`, [STATE]);
    tensor(`${prefix}.mlp.0.weight`, [STATE, 4 * STATE]);
    tensor(`${prefix}.mlp.0.bias`, [4 * STATE]);
    tensor(`${prefix}.mlp.2.weight`, [4 * STATE, STATE]);
    tensor(`${prefix}.mlp.2.bias`, [STATE]);
    attn(`${prefix}.attn`);
    if (cross) attn(`${prefix}.cross_attn`);
  };

  // All-zero blocks pass their input through (residuals), so the decoder's output is
  // its final layer norm of the previous token's embedding, and the embeddings are also
  // the output projection. With the norm's weights negative, every token scores low
  // after itself; the rows below make the decoder say: <anything> -> word -> end.
  const S = 5;
  tensor("encoder.positional_embedding", [STATE, AUDIO_CTX]);
  tensor("encoder.conv1.weight", [3, MELS, STATE]);
  tensor("encoder.conv1.bias", [1, STATE]);
  tensor("encoder.conv2.weight", [3, STATE, STATE]);
  tensor("encoder.conv2.bias", [1, STATE]);
  tensor("encoder.ln_post.weight", [STATE]);
  tensor("encoder.ln_post.bias", [STATE]);
  block("encoder.blocks.0", false);
  tensor("decoder.positional_embedding", [STATE, TEXT_CTX]);
  tensor("decoder.token_embedding.weight", [STATE, N_VOCAB], (d) => {
    const row = (id: number, a: number, b: number) => {
      d[id * STATE + 4] = a;
      d[id * STATE + 5] = b;
    };
    for (let id = 0; id < N_VOCAB; id++) row(id, S, -S);
    row(TEST_WORD_ID, -S, S);
    row(EOT_ID, 3 * S, -3 * S);
  });
  tensor("decoder.ln.weight", [STATE], (d) => d.fill(-1, 4));
  tensor("decoder.ln.bias", [STATE]);
  block("decoder.blocks.0", true);

  fs.writeFileSync(file, Buffer.concat(parts));
  return file;
}
