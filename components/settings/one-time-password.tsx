/** A generated password, shown this once for the administrator to pass on. */
export function OneTimePassword({ user, password }: { user: string; password: string }) {
  return (
    <div
      role="status"
      className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-500/40 dark:bg-amber-500/10"
    >
      <p className="font-medium">
        One-time password for {user} (shown only now; they choose their own at first sign-in):
      </p>
      <code data-testid="one-time-password" className="mt-2 block font-mono">
        {password}
      </code>
    </div>
  );
}
