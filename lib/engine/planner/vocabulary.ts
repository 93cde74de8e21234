// The words the planner's rules are written in. A word of a request that is not English
// and not one of these, but close to one of these, is taken as a typo of it
// (correct-typos.ts). Chinese words are matched by sound: pinyin input methods make
// homophone slips (加子幕 for 加字幕).

export const VOCABULARY_EN = `
add adjust after all and audio away down up turn lower louder softer slower snip background balance before beginning begin bgm black blue bold both bottom bigger brighter
caption captions centre center change chop clip clips color colour contrast cool credits crop cut delete double drop
each edit end ending ends everything except export fade faster fillers filler first flip footage from get green half
highlight horizontal instagram intro keep last level loud louder loudness lose make middle minute minutes mirror move music mute
need normalize normalise only opening out pauses pause portrait put quarter quieter red redo reels remove render revert rid rotate
save second seconds secs shorts silence silences size skip slow slower smaller song sound speed split square start state status
starting status subtitles subs text that the third tiktok timeline title titles top track trim twice undo unmute until upload
vertical video vintage voice volume warm white words yellow youtube
dont cant wont didnt doesnt isnt arent gimme
lufs fps srt mp4 mov mp3 wav m4a aac webm mkv jpeg png gif webp lut hdr vlog tiktok reels
`
  .trim()
  .split(/\s+/);

export const VOCABULARY_ZH = `
字幕 背景音乐 音乐 配乐 导出 撤销 撤回 重做 静音 删除 删掉 去掉 剪掉 停顿 语气词 标题 淡入 淡出 淡入淡出 旋转 竖屏 横屏
加速 减速 慢放 保留 截取 开头 结尾 片头 滤镜 黑白 放大 缩小 红色 黄色 白色 声音 音量 时间线 状态 积分 余额 上传 分割 拆分 倍速
`
  .trim()
  .split(/\s+/);

/** Verbs of the rules, for reading "removing", "trimmed", "muted" as the verb itself. */
export const VERBS = new Set(
  `add chop crop cut delete ditch drop export fade flip keep lose merge move mute normalize normalise remove render rotate save shave skip speed split trim unmute`.split(
    " ",
  ),
);

/** Everyday words that sound like a vocabulary word and must not become it. */
export const HOMOPHONE_KEEP = new Set(["到处", "字母", "视屏", "声明", "状况", "停电", "保温"]);
