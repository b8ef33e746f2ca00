import type { CreatePatientRequest } from '@rpm/contracts';

type Sex = 'female' | 'male';

interface NameGroup {
  readonly given: Readonly<Record<Sex, readonly string[]>>;
  /** male form; the female form adds "a" to -ov/-ev/-in (Akhmetov → Akhmetova) */
  readonly surnames: readonly string[];
}

/** Common Kazakh and Russian names, in Latin transliteration. */
const KAZAKH: NameGroup = {
  given: {
    male: ['Nurlan', 'Yerlan', 'Askar', 'Daniyar', 'Serik', 'Marat', 'Timur', 'Aidos', 'Bauyrzhan', 'Zhanibek', 'Arman', 'Yerzhan'],
    female: ['Aigerim', 'Dana', 'Gulnara', 'Saule', 'Madina', 'Zhanar', 'Aliya', 'Assel', 'Dinara', 'Karlygash', 'Aruzhan', 'Gulmira'],
  },
  surnames: [
    'Akhmetov',
    'Abenov',
    'Zhumabayev',
    'Nurpeisov',
    'Seitkaliyev',
    'Omarov',
    'Kassymov',
    'Tulegenov',
    'Baimukhanov',
    'Iskakov',
    'Sadykov',
    'Utegenov',
  ],
};
const RUSSIAN: NameGroup = {
  given: {
    male: ['Sergei', 'Alexei', 'Dmitry', 'Nikolai', 'Andrei', 'Viktor', 'Yuri', 'Vladimir'],
    female: ['Olga', 'Natalia', 'Elena', 'Irina', 'Tatiana', 'Svetlana', 'Lyudmila', 'Galina'],
  },
  surnames: ['Ivanov', 'Petrov', 'Smirnov', 'Kuznetsov', 'Popov', 'Sokolov', 'Volkov', 'Lebedev', 'Pavlov', 'Morozov', 'Nikitin'],
};
/** Kazakhs are 70% of Kazakhstan's population, Russians 16% (2021 census, Bureau of National Statistics). */
const KAZAKH_SHARE = 0.7;

function surnameFor(surname: string, sex: Sex): string {
  return sex === 'female' && /(ov|ev|in)$/.test(surname) ? `${surname}a` : surname;
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/**
 * A plausible patient for the demo: name, sex and a birth date making them 35–85 years old (remote monitoring
 * serves mostly older adults with chronic conditions).
 */
export function plausiblePatient(rng: () => number, today: Date): Pick<CreatePatientRequest, 'name' | 'birthDate' | 'sex'> {
  const group = rng() < KAZAKH_SHARE ? KAZAKH : RUSSIAN;
  const sex: Sex = rng() < 0.5 ? 'female' : 'male';
  const name = `${pick(rng, group.given[sex])} ${surnameFor(pick(rng, group.surnames), sex)}`;
  const ageDays = Math.floor((35 + rng() * 50) * 365.25);
  const birth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - ageDays * 86_400_000);
  return { name, sex, birthDate: birth.toISOString().slice(0, 10) };
}
