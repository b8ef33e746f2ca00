import { CONSCIOUSNESS_LEVELS, type Consciousness, type News2Response } from '@rpm/contracts';
import type { Locale } from '../i18n/index.ts';
import { formatNumber } from '../format/number.ts';

type News2Parameter = News2Response['parameters'][number];

/**
 * How the score is drawn: the IEC 60601-1-8 colour of the response it calls for (RCP 2017: high ≥7 emergency →
 * high; medium 5–6 and a single parameter scoring 3 → urgent → medium), `low` for a complete low score, and
 * `incomplete` for a low *partial* score — a lower bound that must never look like a normal result.
 */
export type News2Tone = 'high' | 'medium' | 'low' | 'incomplete';

export interface News2Summary {
  readonly tone: News2Tone;
  /** "5", or "≥ 3" for a partial score */
  readonly scoreText: string;
  readonly partial: boolean;
}

export function summariseNews2(news2: Pick<News2Response, 'score' | 'risk' | 'partial'>): News2Summary {
  const scoreText = news2.partial ? `≥\u00a0${news2.score}` : String(news2.score);
  switch (news2.risk) {
    case 'high':
      return { tone: 'high', scoreText, partial: news2.partial };
    case 'medium':
    case 'low-medium':
      return { tone: 'medium', scoreText, partial: news2.partial };
    case 'low':
      return { tone: news2.partial ? 'incomplete' : 'low', scoreText, partial: news2.partial };
  }
}

function isConsciousness(value: unknown): value is Consciousness {
  return typeof value === 'string' && (CONSCIOUSNESS_LEVELS as readonly string[]).includes(value);
}

/** between a number and its unit, so they never wrap apart */
const NBSP = '\u00a0';

/**
 * One NEWS2 parameter's value for people: "18 /min", "Air", "A — Alert", "37,2 °C"; `undefined` when not measured
 * (the caller says so in words). Values the contract allows but this dashboard does not know are shown as sent.
 */
export function formatNews2Value(parameter: Pick<News2Parameter, 'name' | 'value'>, locale: Locale): string | undefined {
  const { t, numberLocale } = locale;
  const { name, value } = parameter;
  if (value === null) return undefined;
  if (typeof value === 'string') {
    if (name === 'air_or_oxygen' && (value === 'air' || value === 'oxygen')) return t(`news2.${value}`);
    if (name === 'consciousness' && isConsciousness(value)) return t(`acvpu.${value}`);
    return value;
  }
  switch (name) {
    case 'respiratory_rate':
      return `${formatNumber(value, 0, numberLocale)}${NBSP}${t('units.respiratory_rate')}`;
    case 'spo2':
      return `${formatNumber(value, 0, numberLocale)}${NBSP}${t('units.spo2')}`;
    case 'systolic_bp':
      return `${formatNumber(value, 0, numberLocale)}${NBSP}${t('units.blood_pressure')}`;
    case 'pulse':
      return `${formatNumber(value, 0, numberLocale)}${NBSP}${t('units.heart_rate')}`;
    case 'temperature':
      return `${formatNumber(value, 1, numberLocale)}${NBSP}${t('units.body_temperature')}`;
    case 'air_or_oxygen':
    case 'consciousness':
      return formatNumber(value, 2, numberLocale);
  }
}

/** The missing parameters' names, in the reader's language, in NEWS2 chart order. */
export function missingNews2Names(news2: Pick<News2Response, 'missing'>, locale: Locale): string {
  return news2.missing.map((name) => locale.t(`news2.parameters.${name}`)).join(', ');
}
