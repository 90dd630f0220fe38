import { OTHER, seriesColor, TOP_LANGUAGES } from "../lib/shared/charts.ts";

/**
 * The colour key of a language of rank `rank` (largest first), as every
 * language chart colours it; ranks past the top ones are "Other", in the muted colour.
 */
export function LanguageSwatch({ rank }: { rank: number }) {
  return rank < TOP_LANGUAGES
    ? <span class="tl-swatch" aria-hidden="true" style={{ background: seriesColor(rank) }} />
    : <span class="tl-swatch tl-swatch-other" aria-hidden="true" />;
}

/** Props of {@link LanguagesLegend}. */
export interface LanguagesLegendProps {
  /** The series, largest first; "Other" last when present. */
  languages: string[];
  /** Hidden series (toggled off); when `onToggle` is given each key is a button. */
  hidden?: ReadonlySet<string>;
  onToggle?: (language: string) => void;
}

/** The key of a language chart: a swatch and a name per series, as toggle buttons when the chart is live. */
export function LanguagesLegend({ languages, hidden, onToggle }: LanguagesLegendProps) {
  return (
    <ul class="tl-legend" aria-label="Languages">
      {languages.map((language, i) => {
        const rank = language === OTHER ? TOP_LANGUAGES : i;
        const label = (
          <>
            <LanguageSwatch rank={rank} />
            {language}
          </>
        );
        return (
          <li key={language}>
            {onToggle
              ? (
                <button
                  type="button"
                  class="tl-legend-key"
                  aria-pressed={!hidden?.has(language)}
                  title={`Show or hide ${language}`}
                  onClick={() => onToggle(language)}
                >
                  {label}
                </button>
              )
              : <span class="tl-legend-key">{label}</span>}
          </li>
        );
      })}
    </ul>
  );
}
