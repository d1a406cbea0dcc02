import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SecondFactorForm } from "@/components/auth/second-factor-form";
import { readSecondFactorToken } from "@/lib/auth/current-user";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { enrolledFactors } from "@/lib/auth/second-factor";

export const metadata: Metadata = { title: "Second factor" };

/** The second step of a sign-in: the password was right, a factor is asked for. */
export default async function SecondFactorPage() {
  const pending = await findPendingSignIn(await readSecondFactorToken());
  if (!pending) redirect("/login");
  const factors = await enrolledFactors(pending.userId);
  return (
    <AuthCard
      title="Second factor"
      note={`Signing in as ${pending.username}. ${
        factors.passkey && factors.totp
          ? "Use your passkey, or type the code your authenticator app shows."
          : factors.passkey
            ? "Use your passkey."
            : "Type the code your authenticator app shows."
      }`}
    >
      <SecondFactorForm totp={factors.totp} passkey={factors.passkey} />
    </AuthCard>
  );
}
