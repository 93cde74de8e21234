import fs from "node:fs";

// Writes a tiny llama-architecture GGUF model (one layer, 64 wide, byte vocabulary) whose
// weights are chosen, not trained. No real model can be downloaded on the test machines,
// so this is how the tests run node-llama-cpp for real: loading, the chat wrapper,
// grammar-constrained sampling, the planner's validation and fallbacks.
//
// How it "thinks": every attention and feed-forward weight is zero, so each layer adds
// nothing and the last hidden state is the current token's embedding, normalised. Bytes
// named in `after` get a one-hot embedding of their own, every other token shares one;
// output.weight then scores each next byte from that one column. So the model is a
// bigram table: "after this byte, prefer these bytes", else the `prefer` order. Under a
// JSON grammar, greedy decoding takes the best-liked byte the grammar allows at each
// step, so these lists decide what a well-formed answer says; without a grammar it just
// repeats its favourite byte.
//
// GGUF v3 layout (ggml's docs/gguf.md): header, metadata key/values, tensor infos, then
// tensor data aligned to 32 bytes. ne[0] is the contiguous dimension.

const N_EMBD = 64;
const N_HEAD = 2;
const N_FF = 128;
const N_CTX = 4096;
const ALIGN = 32;
/** <unk>, <s>, </s>, the 256 byte tokens <0x00>..<0xFF>, then "▁" (sentencepiece's space). */
const BYTE_BASE = 3;
const N_VOCAB = BYTE_BASE + 256 + 1;

/** GGUF metadata value types. */
const T = { u32: 4, i32: 5, f32: 6, bool: 7, str: 8, arr: 9 } as const;

type Value =
  | { t: "u32" | "i32" | "f32"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "str"; v: string }
  | { t: "arr"; of: "i32" | "f32" | "str"; v: (number | string)[] };

class Writer {
  parts: Buffer[] = [];
  size = 0;
  push(b: Buffer) {
    this.parts.push(b);
    this.size += b.length;
  }
  u32(v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  u64(v: number) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  i32(v: number) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  f32(v: number) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string) {
    const b = Buffer.from(s, "utf8");
    this.u64(b.length);
    this.push(b);
  }
  scalar(t: "u32" | "i32" | "f32" | "bool" | "str", v: number | string | boolean) {
    if (t === "u32") this.u32(v as number);
    else if (t === "i32") this.i32(v as number);
    else if (t === "f32") this.f32(v as number);
    else if (t === "bool") this.push(Buffer.from([v ? 1 : 0]));
    else this.str(v as string);
  }
  pad() {
    const rest = this.size % ALIGN;
    if (rest) this.push(Buffer.alloc(ALIGN - rest));
  }
}

export interface TestGgufOptions {
  /** ASCII bytes in order of preference, best first; the rest are disliked equally. */
  prefer: string;
  /** After one of these bytes, prefer these bytes instead (a bigram), e.g. { ":": "n" }. */
  after?: Record<string, string>;
  /** Chat template (jinja) to embed, like a real instruct model has; none by default. */
  chatTemplate?: string;
}

/** Token id of a byte in this vocabulary. */
export const byteToken = (byte: number) => BYTE_BASE + byte;

/** Writes the model to `file` and returns the path. */
export function makeTestGguf(file: string, opts: TestGgufOptions): string {
  const bytes = Array.from(
    { length: 256 },
    (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`,
  );
  const tokens = ["<unk>", "<s>", "</s>", ...bytes, "\u2581"];
  // llama.cpp token types: 1 normal, 2 unknown, 3 control, 6 byte. Without "▁" as a
  // token, spaces would round-trip as its three UTF-8 bytes and not as a space.
  const types = [2, 3, 3, ...Array<number>(256).fill(6), 1];
  const meta: [string, Value][] = [
    ["general.architecture", { t: "str", v: "llama" }],
    ["general.name", { t: "str", v: "vso-test-planner" }],
    ["general.alignment", { t: "u32", v: ALIGN }],
    ["llama.context_length", { t: "u32", v: N_CTX }],
    ["llama.embedding_length", { t: "u32", v: N_EMBD }],
    ["llama.block_count", { t: "u32", v: 1 }],
    ["llama.feed_forward_length", { t: "u32", v: N_FF }],
    ["llama.attention.head_count", { t: "u32", v: N_HEAD }],
    ["llama.attention.head_count_kv", { t: "u32", v: N_HEAD }],
    ["llama.attention.layer_norm_rms_epsilon", { t: "f32", v: 1e-5 }],
    ["llama.rope.dimension_count", { t: "u32", v: N_EMBD / N_HEAD }],
    ["llama.vocab_size", { t: "u32", v: N_VOCAB }],
    ["tokenizer.ggml.model", { t: "str", v: "llama" }],
    ["tokenizer.ggml.tokens", { t: "arr", of: "str", v: tokens }],
    ["tokenizer.ggml.scores", { t: "arr", of: "f32", v: tokens.map(() => 0) }],
    ["tokenizer.ggml.token_type", { t: "arr", of: "i32", v: types }],
    ["tokenizer.ggml.unknown_token_id", { t: "u32", v: 0 }],
    ["tokenizer.ggml.bos_token_id", { t: "u32", v: 1 }],
    ["tokenizer.ggml.eos_token_id", { t: "u32", v: 2 }],
    ["tokenizer.ggml.add_bos_token", { t: "bool", v: true }],
    ["tokenizer.ggml.add_eos_token", { t: "bool", v: false }],
    ["tokenizer.ggml.add_space_prefix", { t: "bool", v: false }],
  ];
  if (opts.chatTemplate) meta.push(["tokenizer.chat_template", { t: "str", v: opts.chatTemplate }]);

  // Column SHARED holds the default preferences; each byte in `after` has its own column.
  const contexts = Object.entries(opts.after ?? {});
  if (contexts.length >= N_EMBD) throw new Error(`at most ${N_EMBD - 1} bytes in "after"`);
  const SHARED = N_EMBD - 1;
  const embd = new Float32Array(N_EMBD * N_VOCAB);
  for (let t = 0; t < N_VOCAB; t++) embd[t * N_EMBD + SHARED] = 1;
  const output = new Float32Array(N_EMBD * N_VOCAB).fill(-10);
  const score = (column: number, order: string) => {
    [...order].forEach((ch, rank) => {
      const cell = byteToken(ch.charCodeAt(0)) * N_EMBD + column;
      if (output[cell] === -10) output[cell] = 10 - (rank * 10) / order.length;
    });
    output[2 * N_EMBD + column] = -5; // </s> only when the grammar allows nothing else
  };
  score(SHARED, opts.prefer);
  contexts.forEach(([ch, order], column) => {
    const t = byteToken(ch.charCodeAt(0));
    embd[t * N_EMBD + SHARED] = 0;
    embd[t * N_EMBD + column] = 1;
    score(column, order + opts.prefer);
  });

  const zeros = (n: number) => new Float32Array(n);
  const ones = (n: number) => new Float32Array(n).fill(1);
  const tensors: [string, number[], Float32Array][] = [
    ["token_embd.weight", [N_EMBD, N_VOCAB], embd],
    ["output_norm.weight", [N_EMBD], ones(N_EMBD)],
    ["output.weight", [N_EMBD, N_VOCAB], output],
    ["blk.0.attn_norm.weight", [N_EMBD], ones(N_EMBD)],
    ["blk.0.attn_q.weight", [N_EMBD, N_EMBD], zeros(N_EMBD * N_EMBD)],
    ["blk.0.attn_k.weight", [N_EMBD, N_EMBD], zeros(N_EMBD * N_EMBD)],
    ["blk.0.attn_v.weight", [N_EMBD, N_EMBD], zeros(N_EMBD * N_EMBD)],
    ["blk.0.attn_output.weight", [N_EMBD, N_EMBD], zeros(N_EMBD * N_EMBD)],
    ["blk.0.ffn_norm.weight", [N_EMBD], ones(N_EMBD)],
    ["blk.0.ffn_gate.weight", [N_EMBD, N_FF], zeros(N_EMBD * N_FF)],
    ["blk.0.ffn_up.weight", [N_EMBD, N_FF], zeros(N_EMBD * N_FF)],
    ["blk.0.ffn_down.weight", [N_FF, N_EMBD], zeros(N_FF * N_EMBD)],
  ];

  const w = new Writer();
  w.push(Buffer.from("GGUF", "ascii"));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(meta.length);
  for (const [key, value] of meta) {
    w.str(key);
    w.u32(T[value.t]);
    if (value.t === "arr") {
      w.u32(T[value.of]);
      w.u64(value.v.length);
      for (const item of value.v) w.scalar(value.of, item);
    } else w.scalar(value.t, value.v);
  }
  let offset = 0;
  for (const [name, dims, data] of tensors) {
    w.str(name);
    w.u32(dims.length);
    for (const d of dims) w.u64(d);
    w.u32(0); // GGML_TYPE_F32
    w.u64(offset);
    offset += Math.ceil(data.byteLength / ALIGN) * ALIGN;
  }
  w.pad();
  for (const [, , data] of tensors) {
    w.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    w.pad();
  }
  fs.writeFileSync(file, Buffer.concat(w.parts));
  return file;
}

/**
 * Under the plan grammar: {"intent":"export","ops":[{"op":"export","preset":"youtube",
 * "target":null}],"reply":"",...null}. Empty strings after a quote, null after a colon,
 * "x" after "e" (export, not edit or edit_text), "y" for youtube.
 */
export const EXPORTER: TestGgufOptions = {
  prefer: 'ey{]}",',
  after: { ":": "n", '"': '"', e: "x" },
};
