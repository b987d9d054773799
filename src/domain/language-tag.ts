import tags from 'language-tags';
import * as z from 'zod';

const EXAMPLES = '(BCP 47, such as en, de, pt-BR)';

/**
 * A BCP 47 language tag whose subtags the IANA Language Subtag Registry knows, in its canonical case (`pt-br` is
 * `pt-BR`). A deprecated tag is refused with the one that replaces it, rather than stored under two names.
 */
export const languageTagSchema = z.string().transform((value, ctx) => {
  const tag = tags(value.trim());
  if (tag.valid()) return tag.format();
  const replacement = preferredTag(tag);
  ctx.addIssue({
    code: 'custom',
    message: replacement
      ? `"${value}" is deprecated: use "${replacement}"`
      : `"${value}" is not a known language tag ${EXAMPLES}`,
  });
  return z.NEVER;
});

function preferredTag(tag: ReturnType<typeof tags>): string | undefined {
  if (tag.deprecated()) return tag.preferred()?.format();
  const language = tag.language();
  if (!language?.deprecated()) return undefined;
  const preferred = language.preferred()?.format();
  return preferred ? [preferred, ...tag.format().split('-').slice(1)].join('-') : undefined;
}
