// One step of the create wizard, checked on the server before Next: its fields were parsed with
// create's rules (createVmStepSchema); here the same host checks as create for those fields.
import { requireNotInMaintenance } from "@/lib/hosts/store";
import "server-only";
import { hostConnection, withTimeout } from "@/lib/hosts/live-read";
import type { CreateVmStepInput } from "@/lib/schemas/vm-create";
import {
  refuseTakenName,
  requireActivePool,
  requireIsoVolume,
  requireVcpusFit,
  volumeFormat,
} from "./create-checks";
import { machineMaxVcpus } from "./create-options";

async function runChecks(
  conn: Awaited<ReturnType<typeof hostConnection>>["conn"],
  input: CreateVmStepInput,
): Promise<void> {
  if (input.step === "name") return refuseTakenName(conn, input.name);
  if (input.step === "source") {
    const { source } = input;
    if (source.kind === "iso") return requireIsoVolume(conn, source.isoPath);
    if (source.kind === "import") await volumeFormat(conn, source.diskPath, "source.diskPath");
    return;
  }
  if (input.step === "cpu") {
    // The domain type is chosen two steps later: the one the wizard offers first (kvm if any).
    const kvm = (await machineMaxVcpus(conn, "kvm", input.firmware)) !== null;
    return requireVcpusFit(conn, input, kvm ? "kvm" : "qemu");
  }
  if (input.step === "disk") {
    const { disk } = input;
    if (disk.mode === "existing") await volumeFormat(conn, disk.path, "disk.path");
    // The volume's name (the VM's) is checked for a clash by the review, which names its path.
    if (disk.mode === "new") await requireActivePool(conn, disk.pool);
  }
}

/** Refuses the step's first problem on the host, naming its field; nothing is changed. */
export async function checkCreateStep(input: CreateVmStepInput): Promise<void> {
  await requireNotInMaintenance(input.hostId, "create a VM");
  const { host, conn } = await hostConnection(input.hostId);
  await withTimeout(runChecks(conn, input), host.name);
}
