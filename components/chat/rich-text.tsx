// Reply text with its links made clickable (share links such as /s/<id>, and web
// addresses); everything else stays plain text, so nothing the server says is HTML.
const LINK = /(https?:\/\/[^\s)]*[^\s).,;:!?]|\/s\/[A-Za-z0-9_-]+)/g;

export function RichText({ text }: { text: string }) {
  const parts = text.split(LINK);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a
            key={i}
            href={part}
            target={part.startsWith("http") ? "_blank" : undefined}
            rel="noreferrer"
            className="break-all font-medium text-brand underline dark:text-indigo-300"
          >
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
