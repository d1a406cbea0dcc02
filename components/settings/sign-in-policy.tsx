"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useRun } from "@/components/ui/use-run";
import { writeSignInPolicyAction } from "@/lib/actions/auth";
import type { SignInPolicy } from "@/lib/auth/second-factor";

/** Who must sign in with a second factor: everyone, or whoever holds one of the ticked roles. */
export function SignInPolicyForm({ policy, roles }: { policy: SignInPolicy; roles: string[] }) {
  const router = useRouter();
  const { run, pending } = useRun("policy-outcome");
  const [everyone, setEveryone] = useState(policy.secondFactorForEveryone);
  const [chosen, setChosen] = useState(new Set(policy.secondFactorRoles));
  const toggle = (role: string) =>
    setChosen((old) => {
      const next = new Set(old);
      if (next.has(role)) next.delete(role);
      else next.add(role);
      return next;
    });
  return (
    <Card title="Sign-in policy">
      <form
        aria-label="Sign-in policy"
        className="flex flex-col gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () =>
              writeSignInPolicyAction({
                secondFactorForEveryone: everyone,
                secondFactorRoles: [...chosen],
              }),
            "Sign-in policy saved; it applies from each user's next sign-in.",
            () => router.refresh(),
          );
        }}
      >
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={everyone}
            onChange={(e) => setEveryone(e.target.checked)}
          />
          Everyone must sign in with a second factor (TOTP or a passkey)
        </label>
        <fieldset disabled={everyone} className="flex flex-col gap-1 disabled:opacity-50">
          <legend className="mb-1 text-zinc-600 dark:text-zinc-400">
            Or only whoever holds one of these roles anywhere:
          </legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {roles.map((role) => (
              <label key={role} className="flex items-center gap-2">
                <input type="checkbox" checked={chosen.has(role)} onChange={() => toggle(role)} />
                {role}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="text-xs text-zinc-500">
          A user without a factor who must have one can only set one up after signing in.
        </p>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            Save sign-in policy
          </Button>
        </div>
      </form>
    </Card>
  );
}
