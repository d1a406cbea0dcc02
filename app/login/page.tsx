import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/current-user";
import { oidcButtonName } from "@/lib/auth/oidc/provider";
import { OIDC_REFUSALS, oidcRefusalSchema } from "@/lib/auth/oidc/refusals";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await getSessionUser()) redirect("/");
  // Only a known reason's key is read: the page never shows text taken from the address.
  const reason = oidcRefusalSchema.safeParse((await searchParams).error);
  return (
    <AuthCard title="Sign in">
      <SignInForm
        singleSignOn={oidcButtonName()}
        refusal={reason.success ? OIDC_REFUSALS[reason.data] : null}
      />
    </AuthCard>
  );
}
