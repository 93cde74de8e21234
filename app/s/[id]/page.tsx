// GET /s/:id - the public share page: plays and downloads an export without a session
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { getBackend } from "@/lib/server/backend";
import { originFromHeaders } from "@/lib/server/http/request-info";
import { shareCardMetadata } from "@/lib/server/http/share-card";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  try {
    return await getBackend().sharedExport(id);
  } catch (err) {
    if (isAppError(err) && (err.status === 404 || err.code === "not_found")) return null;
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const shared = await load(id);
  if (!shared) return { title: "Video not found - Video Skill Online", robots: { index: false } };
  return shareCardMetadata({ shareId: id, ...shared, origin: originFromHeaders(await headers()) });
}

export default async function SharePage({ params }: Props) {
  const { id } = await params;
  const shared = await load(id);
  if (!shared) notFound();
  const { job, title, hasPoster } = shared;
  const src = `/api/share/${encodeURIComponent(id)}/video`;
  const portrait = (job.height ?? 0) > (job.width ?? 0);
  const size = job.width && job.height ? `${job.width}x${job.height}` : null;

  return (
    <main className="flex min-h-screen flex-col items-center px-4 py-8 sm:py-12">
      <div className={portrait ? "w-full max-w-sm" : "w-full max-w-4xl"}>
        <header className="mb-4 flex items-baseline justify-between gap-4">
          <h1 className="truncate text-xl font-semibold sm:text-2xl" data-testid="share-title">
            {title}
          </h1>
          {size && (
            <span className="shrink-0 text-sm text-zinc-500 dark:text-zinc-400">{size}</span>
          )}
        </header>
        <div className="overflow-hidden rounded-xl bg-black shadow-lg ring-1 ring-zinc-900/10 dark:ring-white/10">
          <video
            data-testid="share-video"
            className="block h-auto w-full"
            src={src}
            controls
            playsInline
            preload="metadata"
            poster={hasPoster ? `/api/share/${encodeURIComponent(id)}/poster` : undefined}
            width={job.width ?? undefined}
            height={job.height ?? undefined}
          />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <a
            data-testid="share-download"
            href={`${src}?download=1`}
            className="inline-flex h-10 items-center rounded-lg bg-brand px-4 text-sm font-medium text-white hover:bg-brand-dark focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
          >
            Download MP4
          </a>
          <Link
            href="/"
            className="text-sm text-zinc-600 underline-offset-4 hover:underline dark:text-zinc-300"
          >
            Make your own with Video Skill Online
          </Link>
        </div>
      </div>
    </main>
  );
}
