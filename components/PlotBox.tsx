import type { Ref } from "preact";

/** Props of {@link PlotBox}. */
export interface PlotBoxProps {
  /** The canvas the island's chart draws into. */
  canvas: Ref<HTMLCanvasElement>;
  /** The chart in words, for screen readers. */
  label: string;
  /** Shown over the box while there is no chart (loading, nothing to draw, failed); null once drawn. */
  status: string | null;
  /** The taller box of a chart across the page (the timeline, the languages). */
  wide?: boolean;
}

/** A chart's box: its height is reserved in the server's HTML, so nothing moves when the island draws into it. */
export function PlotBox({ canvas, label, status, wide }: PlotBoxProps) {
  return (
    <div class={wide ? "plot-box plot-wide" : "plot-box"}>
      <canvas ref={canvas} role="img" aria-label={label} />
      {status && <p class="plot-status">{status}</p>}
    </div>
  );
}
