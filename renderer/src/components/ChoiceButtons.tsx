import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Choice {
  readonly id: string;
  readonly label: ReactNode;
}

export interface ChoiceButtonsProps {
  readonly choices: readonly Choice[];
  readonly selected: string | undefined;
  /** The visible legend's id (the group's accessible name). */
  readonly labelledBy: string;
  onSelect(id: string): void;
}

/**
 * Large buttons as one radio group: Tab reaches the group once, arrows move and pick, Space or
 * Enter picks. Keys are handled on keydown, so keys the wedge listener held back and handed back
 * (synthetic events, which never click a button) still pick.
 */
export function ChoiceButtons({ choices, selected, labelledBy, onSelect }: ChoiceButtonsProps) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const focusIndex = Math.max(
    0,
    choices.findIndex((c) => c.id === selected),
  );

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    if (step !== 0) {
      event.preventDefault();
      const next = (index + step + choices.length) % choices.length;
      refs.current[next]?.focus();
      onSelect(choices[next]!.id);
    } else if (event.key === ' ' || (event.key === 'Enter' && choices[index]!.id !== selected)) {
      // Enter on the already-picked type falls through to the screen's confirm key.
      event.preventDefault();
      onSelect(choices[index]!.id);
    }
  };

  return (
    <div className="button-row" role="radiogroup" aria-labelledby={labelledBy}>
      {choices.map((choice, index) => (
        <button
          key={choice.id}
          ref={(element) => {
            refs.current[index] = element;
          }}
          type="button"
          role="radio"
          aria-checked={selected === choice.id}
          tabIndex={index === focusIndex ? 0 : -1}
          className={`button button-large type-button ${selected === choice.id ? 'button-selected' : ''}`}
          onClick={() => onSelect(choice.id)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {selected === choice.id && <span aria-hidden="true">✓ </span>}
          {choice.label}
        </button>
      ))}
    </div>
  );
}
