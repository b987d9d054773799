import type { DocumentNode } from 'graphql';

/**
 * `read` of a document, computed once per document: yoga's parser cache hands out the same DocumentNode for the same
 * text, so what depends on the document alone is not walked again on every request.
 */
export function oncePerDocument<T>(read: (document: DocumentNode) => T): (document: DocumentNode) => T {
  const known = new WeakMap<DocumentNode, T>();
  return (document) => {
    if (!known.has(document)) known.set(document, read(document));
    return known.get(document)!;
  };
}
