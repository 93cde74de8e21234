"use client";

import { useQuery } from "@tanstack/react-query";
import { parsePeaks, slicePeaks } from "@/lib/client/peaks";

/** Waveform of the source window [inMs, outMs) drawn as bars across the box. */
export function Waveform({
  url,
  durationSec,
  inMs,
  outMs,
  bars,
  className,
  style,
}: {
  url: string;
  durationSec: number;
  inMs: number;
  outMs: number;
  bars: number;
  className?: string;
  style?: React.CSSProperties;
}) {
  const { data } = useQuery({
    queryKey: ["peaks", url],
    queryFn: async () => {
      const res = await fetch(url, { credentials: "same-origin" });
      if (!res.ok) return null;
      return parsePeaks(await res.json());
    },
    staleTime: Infinity,
    retry: 1,
  });
  if (!data) return null;
  const levels = slicePeaks(
    data,
    durationSec,
    inMs / 1000,
    outMs / 1000,
    Math.max(1, Math.min(bars, 600)),
  );
  if (levels.length === 0) return null;
  return (
    <svg
      data-testid="waveform"
      className={className}
      style={style}
      viewBox={`0 0 ${levels.length} 100`}
      preserveAspectRatio="none"
      aria-hidden
    >
      {levels.map((v, i) => {
        const h = Math.max(2, v * 96);
        return (
          <rect
            key={i}
            x={i + 0.15}
            width={0.7}
            y={50 - h / 2}
            height={h}
            rx={0.3}
            fill="currentColor"
          />
        );
      })}
    </svg>
  );
}
