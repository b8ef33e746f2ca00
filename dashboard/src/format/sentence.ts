/**
 * A sentence whose last word is an abbreviation with its own full stop ("мм сын. бағ.", "мм рт. ст.") before the
 * template's closing full stop: one full stop, as in print.
 */
export function closeSentence(text: string): string {
  return text.replace(/\.\.$/, '.');
}
