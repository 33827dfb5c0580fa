import type { InputHTMLAttributes, Ref } from 'react';

/** What a PIN field keeps of what is typed: digits, at most 12 (the contract's PIN is 4 to 12). */
export function pinDigits(value: string): string {
  return value.replace(/\D/g, '').slice(0, 12);
}

type PinFieldProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'value' | 'onChange' | 'inputMode' | 'autoComplete'
> & {
  readonly value: string;
  readonly onPin: (pin: string) => void;
  readonly ref?: Ref<HTMLInputElement>;
};

/** Every PIN input: hidden, digits only, the numeric keypad on a touch screen, never remembered by the browser. */
export function PinField({ value, onPin, className, ...rest }: PinFieldProps) {
  return (
    <input
      {...rest}
      className={className ?? 'field-input'}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      value={value}
      onChange={(e) => onPin(pinDigits(e.target.value))}
    />
  );
}
