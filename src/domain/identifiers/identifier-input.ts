import * as z from 'zod';
import { AUTHORITY_SCHEMES, IDENTIFIER_SCHEMES, type IdentifierScheme } from '../../db/vocabulary.js';
import { isWebAddress } from '../web-address.js';

/** An entity's id in a registry outside whosaid, or one of its pages on the web: the shape bundles carry it in. */
export interface Identifier {
  scheme: IdentifierScheme;
  value: string;
}

interface SchemeRules {
  /** The value as whosaid stores it, however it was typed; undefined where it is no id of the scheme. */
  normalise(value: string): string | undefined;
  /** What an id of the scheme looks like, for the message that refuses one that does not. */
  refusal: string;
  /** The canonical page of an id. */
  url(value: string): string;
}

/** ISO 7064 MOD 11-2, the check character of ISNI and ORCID: a digit, or X for ten. */
export function mod11_2CheckCharacter(digits: string): string {
  let total = 0;
  for (const digit of digits) total = (total + Number(digit)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/** Sixteen characters whose last is the check character of the fifteen digits before it, or undefined. */
function checkedSixteen(value: string): string | undefined {
  const compact = value.replace(/[\s-]/g, '').toUpperCase();
  if (!/^\d{15}[\dX]$/.test(compact)) return undefined;
  return mod11_2CheckCharacter(compact.slice(0, 15)) === compact[15] ? compact : undefined;
}

function webAddress(value: string): string | undefined {
  const trimmed = value.trim();
  return isWebAddress(trimmed) ? trimmed : undefined;
}

export const SCHEMES: Record<IdentifierScheme, SchemeRules> = {
  WIKIDATA: {
    normalise: (value) => (/^Q[1-9]\d*$/i.test(value.trim()) ? value.trim().toUpperCase() : undefined),
    refusal: 'is not a Wikidata id (Q and digits, such as Q22686)',
    url: (value) => `https://www.wikidata.org/wiki/${value}`,
  },
  VIAF: {
    normalise: (value) => (/^[1-9]\d{0,21}$/.test(value.trim()) ? value.trim() : undefined),
    refusal: 'is not a VIAF id (digits, such as 113230702)',
    url: (value) => `https://viaf.org/viaf/${value}`,
  },
  ISNI: {
    normalise: checkedSixteen,
    refusal: 'is not an ISNI (16 characters, digits with a check character that may be X, such as 0000 0001 2103 2683)',
    url: (value) => `https://isni.org/isni/${value}`,
  },
  ORCID: {
    normalise: (value) => checkedSixteen(value)?.replace(/(.{4})(?!$)/g, '$1-'),
    refusal:
      'is not an ORCID iD (four groups of four digits with a check character that may be X, such as 0000-0002-1825-0097)',
    url: (value) => `https://orcid.org/${value}`,
  },
  OPENSANCTIONS: {
    normalise: (value) => (/^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$/.test(value.trim()) ? value.trim() : undefined),
    refusal: 'is not an OpenSanctions entity id (letters, digits, dots and dashes, such as Q7747 or NK-…)',
    url: (value) => `https://www.opensanctions.org/entities/${value}/`,
  },
  WEBSITE: { normalise: webAddress, refusal: 'is not an http(s) URL', url: (value) => value },
  SOCIAL: { normalise: webAddress, refusal: 'is not an http(s) URL of a profile', url: (value) => value },
};

/** The page an identifier stands for: the registry's entry, or the web address itself. */
export function identifierUrl(identifier: Identifier): string {
  return SCHEMES[identifier.scheme].url(identifier.value);
}

export function isAuthority(scheme: IdentifierScheme): boolean {
  return (AUTHORITY_SCHEMES as readonly string[]).includes(scheme);
}

/** One identifier, validated by its scheme's rules and normalised. */
export const identifierSchema = z
  .strictObject({ scheme: z.enum(IDENTIFIER_SCHEMES), value: z.string().max(2000) })
  .transform((identifier, ctx): Identifier => {
    const value = SCHEMES[identifier.scheme].normalise(identifier.value);
    if (value === undefined) {
      ctx.issues.push({
        code: 'custom',
        path: ['value'],
        message: `${JSON.stringify(identifier.value)} ${SCHEMES[identifier.scheme].refusal}`,
        input: identifier.value,
      });
      return z.NEVER;
    }
    return { scheme: identifier.scheme, value };
  });

/** An entity's identifiers: none twice, and at most one of each authority scheme. */
export const identifiersSchema = z
  .array(identifierSchema)
  .max(50)
  .superRefine((identifiers, ctx) => {
    const seen = new Map<string, string>();
    identifiers.forEach((identifier, index) => {
      if (!identifier) return;
      const key = isAuthority(identifier.scheme) ? identifier.scheme : `${identifier.scheme} ${identifier.value}`;
      const earlier = seen.get(key);
      if (earlier === identifier.value) {
        ctx.addIssue({ code: 'custom', path: [index, 'value'], message: `"${identifier.value}" is listed twice` });
      } else if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'scheme'],
          message: `a second ${identifier.scheme} id ("${identifier.value}" beside "${earlier}"): an entity has at most one`,
        });
      }
      if (earlier === undefined) seen.set(key, identifier.value);
    });
  });
