import type { ComponentChildren } from "preact";

/** A headline number: its value, large, and what it counts. */
export interface CardProps {
  value: ComponentChildren;
  label: ComponentChildren;
}

function CardContent({ value, label }: CardProps) {
  return (
    <>
      <span class="card-value">{value}</span>
      <span class="card-label">{label}</span>
    </>
  );
}

/** One card of a `.cards` grid. */
export function Card(props: CardProps) {
  return (
    <div class="card">
      <CardContent {...props} />
    </div>
  );
}

/** A card of a {@link CardList}: its label, a text, is its key. */
export type ListedCard = CardProps & { label: string };

/** Cards as a list; `label` names the list for screen readers. */
export function CardList({ cards, label }: { cards: ListedCard[]; label?: string }) {
  return (
    <ul class="cards ov-cards" aria-label={label}>
      {cards.map((card) => (
        <li key={card.label} class="card">
          <CardContent {...card} />
        </li>
      ))}
    </ul>
  );
}
