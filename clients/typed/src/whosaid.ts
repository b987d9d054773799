import type { TadaDocumentNode } from 'gql.tada';
import { print } from 'graphql';

/** POSTs a typed document to whosaid's /graphql; the answer has the document's result type. */
export async function whosaid<Result, Variables>(
  endpoint: string,
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: Result; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new Error(body.errors?.map((error) => error.message).join('\n') ?? `HTTP ${response.status}`);
  return body.data;
}
