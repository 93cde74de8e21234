import { renderDraft, type RenderOptions } from "@/lib/engine/render/render-draft";

// Test support only: a render in a process of its own (argv[2]: the options as JSON), so
// a test can SIGKILL it mid-way like a crashed server or worker.
const opts = JSON.parse(process.argv[2]) as RenderOptions;
renderDraft(opts).then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
