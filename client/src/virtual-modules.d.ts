/** The UI's English texts, key → text (client/i18n-english.ts). */
declare module 'virtual:i18n-english' {
  const texts: Readonly<Record<string, string>>;
  export default texts;
}
