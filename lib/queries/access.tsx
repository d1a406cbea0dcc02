"use client";
// The signed-in user's grants in the browser, evaluated with the server's own code (lib/access/
// evaluate.ts) so that pages offer only what the user may do. The server stays the check. When
// grants change anywhere, /ws/events says so: the grants are read again, every query is read
// again (lists drop what is no longer visible) and server-rendered parts render again.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { Permissions, PermissionView, type SubjectGrants } from "@/lib/access/evaluate";
import type { AccessObject } from "@/lib/access/paths";
import type { Privilege } from "@/lib/access/privileges";
import type { ServerMessage } from "@/lib/live/messages";
import { fetchJson } from "./fetch-json";
import { useLiveEvents } from "./live-socket";

const AccessContext = createContext<Permissions | null>(null);

export function AccessProvider({
  grants: initial,
  children,
}: {
  grants: SubjectGrants;
  children: ReactNode;
}) {
  const [grants, setGrants] = useState(initial);
  const client = useQueryClient();
  const router = useRouter();
  useLiveEvents(
    useCallback(
      (m: ServerMessage) => {
        if (m.type !== "access") return;
        void fetchJson<{ grants: SubjectGrants }>("/api/v1/access/me")
          .then((r) => setGrants(r.grants))
          .catch(() => undefined);
        void client.invalidateQueries();
        router.refresh();
      },
      [client, router],
    ),
  );
  const permissions = useMemo(() => new Permissions(new PermissionView(grants)), [grants]);
  return <AccessContext.Provider value={permissions}>{children}</AccessContext.Provider>;
}

/** `can(privilege, object)` for the signed-in user. */
export function useCan(): (privilege: Privilege, obj: AccessObject) => boolean {
  const permissions = useContext(AccessContext);
  return useCallback(
    (privilege: Privilege, obj: AccessObject) => permissions?.can(privilege, obj) ?? false,
    [permissions],
  );
}

/** A control's extra props when it needs a privilege: disabled, with a tooltip naming it. */
export function useGate(): (
  privilege: Privilege,
  obj: AccessObject,
) => { disabled?: true; title?: string } {
  const can = useCan();
  return useCallback(
    (privilege: Privilege, obj: AccessObject) =>
      can(privilege, obj) ? {} : { disabled: true, title: `Needs ${privilege}` },
    [can],
  );
}

export const ROOT: AccessObject = { kind: "root" };

/** `can` and `gate` for one VM: `gate(p)` disables a control the user may not use, saying why. */
export function useVmAccess(vm: { hostId: string; uuid: string }) {
  const can = useCan();
  return useMemo(() => {
    const obj: AccessObject = { kind: "vm", hostId: vm.hostId, uuid: vm.uuid };
    const may = (p: Privilege) => can(p, obj);
    const gate = (p: Privilege): { disabled?: true; title?: string } =>
      may(p) ? {} : { disabled: true, title: `Needs ${p}` };
    return { can: may, gate };
  }, [can, vm.hostId, vm.uuid]);
}
