import type { Metadata } from "next";
import { type ApiDoc, ApiReference } from "@/components/settings/api-reference";
import { LINK } from "@/components/ui/link-style";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { openApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  await pageAccess();
  return (
    <>
      <PageHeader
        title="API reference"
        description="Every route of /api/v1, generated from the schemas the server checks input with."
        actions={
          <a href="/api/v1/openapi.json" className={`text-sm ${LINK}`}>
            openapi.json
          </a>
        }
      />
      <ApiReference doc={openApiDocument() as unknown as ApiDoc} />
    </>
  );
}
