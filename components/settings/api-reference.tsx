// The OpenAPI document as a browsable page: routes grouped by their first segment, each with
// its privilege, parameters and body schema.

import { CodeBlock } from "@/components/ui/code-block";

export type ApiDoc = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        summary: string;
        description: string;
        tags: string[];
        parameters: { name: string; in: string; schema: unknown }[];
        requestBody?: { content: Record<string, { schema: unknown }> };
        responses: Record<string, unknown>;
      }
    >
  >;
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300",
  post: "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300",
  put: "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  patch: "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  delete: "bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300",
};

export function ApiReference({ doc }: { doc: ApiDoc }) {
  const byTag = new Map<
    string,
    { method: string; path: string; op: ApiDoc["paths"][string][string] }[]
  >();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags[0] ?? "api";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  return (
    <div className="flex flex-col gap-6">
      {[...byTag].map(([tag, routes]) => (
        <section key={tag}>
          <h2 className="mb-2 text-lg font-semibold">{tag}</h2>
          <ul className="flex flex-col gap-1">
            {routes.map(({ method, path, op }) => (
              <li key={`${method} ${path}`} data-testid="api-route">
                <details className="rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
                  <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2 text-sm">
                    <span
                      className={`rounded px-1.5 py-0.5 font-mono text-xs uppercase ${METHOD_STYLE[method] ?? ""}`}
                    >
                      {method}
                    </span>
                    <code className="font-mono text-xs">{path}</code>
                    <span className="text-zinc-600 dark:text-zinc-400">{op.summary}</span>
                  </summary>
                  <div className="flex flex-col gap-2 border-t border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
                    <p>{op.description}</p>
                    {op.parameters.length > 0 ? (
                      <div>
                        <h3 className="text-xs font-semibold uppercase text-zinc-500">
                          Parameters
                        </h3>
                        <ul>
                          {op.parameters.map((p) => (
                            <li key={`${p.in}-${p.name}`}>
                              <code className="text-xs">{p.name}</code>{" "}
                              <span className="text-xs text-zinc-500">({p.in})</span>
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                    {op.requestBody ? (
                      <div>
                        <h3 className="text-xs font-semibold uppercase text-zinc-500">Body</h3>
                        <CodeBlock className="max-h-72 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950">
                          {JSON.stringify(
                            Object.values(op.requestBody.content)[0]?.schema,
                            null,
                            2,
                          )}
                        </CodeBlock>
                      </div>
                    ) : null}
                    <p className="text-xs text-zinc-500">
                      Operation <code>{op.operationId}</code> · success{" "}
                      {Object.keys(op.responses)[0]}
                    </p>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
