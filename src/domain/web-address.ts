/** Whether `value` is an http(s) address: a source's, a fact-check's, a website or a profile. */
export function isWebAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:';
}
