/**
 * A reading's values as the patient and the operator read them: "Blood pressure 121/79 mmHg",
 * "Pulse 72 bpm", "Glucose 104 mg/dL", "SpO₂ 97 %", with the numbers in the screen's language.
 */
import { messages, type Language } from './messages';

export interface ReadingMetricLike {
  readonly type: string;
  readonly unit: string;
  readonly value: number;
}

export interface ReadingValue {
  /** The metric's name (systolic and diastolic become one "Blood pressure"). */
  readonly label: string;
  readonly value: string;
}

export function readingValues(language: Language, metrics: readonly ReadingMetricLike[]): ReadingValue[] {
  const t = messages[language].reading;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const unit = (u: string) => (Object.hasOwn(t.units, u) ? t.units[u as keyof typeof t.units] : u);
  const label = (type: string) =>
    Object.hasOwn(t.metrics, type) ? t.metrics[type as keyof typeof t.metrics] : type.replace(/_/g, ' ');
  const shown = (m: ReadingMetricLike) => `${number.format(m.value)} ${unit(m.unit)}`.trim();

  const systolic = metrics.find((m) => m.type === 'systolic');
  const diastolic = metrics.find((m) => m.type === 'diastolic');
  const pressure =
    systolic && diastolic
      ? [
          {
            label: t.metrics.blood_pressure,
            value: `${number.format(systolic.value)}/${number.format(diastolic.value)} ${unit(systolic.unit)}`.trim(),
          },
        ]
      : [];
  const rest = metrics.filter((m) => !(pressure.length > 0 && (m === systolic || m === diastolic)));
  return [...pressure, ...rest.map((m) => ({ label: label(m.type), value: shown(m) }))];
}
