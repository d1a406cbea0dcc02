/** Storage pools and volumes. Sizes are bytes as numbers (safe below 8 PiB). */
import type { RpcClient } from "./client";
import * as P from "./protocol/procedures/storage";
import type { PoolRef, VolRef } from "./protocol/types";
import { poolStateWord, volTypeWord } from "./states";

/** Pool state and sizes in bytes. */
export interface PoolInfo {
  state: string;
  stateCode: number;
  capacity: number;
  allocation: number;
  available: number;
}

/** Volume type and sizes in bytes. */
export interface VolInfo {
  type: string;
  typeCode: number;
  capacity: number;
  allocation: number;
}

/** Storage operations on one connection. */
export class StorageApi {
  constructor(private readonly rpc: RpcClient) {}

  /** Pools; flags 1 inactive, 2 active, 0 all. */
  async listPools(flags = 0): Promise<PoolRef[]> {
    return (await this.rpc.call(P.CONNECT_LIST_ALL_STORAGE_POOLS, { needResults: 1, flags })).pools;
  }

  async lookupPool(name: string): Promise<PoolRef> {
    return (await this.rpc.call(P.STORAGE_POOL_LOOKUP_BY_NAME, { name })).pool;
  }

  async lookupPoolByUuid(uuid: string): Promise<PoolRef> {
    return (await this.rpc.call(P.STORAGE_POOL_LOOKUP_BY_UUID, { uuid })).pool;
  }

  async definePool(xml: string, flags = 0): Promise<PoolRef> {
    return (await this.rpc.call(P.STORAGE_POOL_DEFINE_XML, { xml, flags })).pool;
  }

  async buildPool(pool: PoolRef, flags = 0): Promise<void> {
    await this.rpc.call(P.STORAGE_POOL_BUILD, { pool, flags });
  }

  /** Starts a defined pool. */
  async startPool(pool: PoolRef, flags = 0): Promise<void> {
    await this.rpc.call(P.STORAGE_POOL_CREATE, { pool, flags });
  }

  async destroyPool(pool: PoolRef): Promise<void> {
    await this.rpc.call(P.STORAGE_POOL_DESTROY, { pool });
  }

  /** Deletes the pool's underlying storage (the pool must be inactive). */
  async deletePool(pool: PoolRef, flags = 0): Promise<void> {
    await this.rpc.call(P.STORAGE_POOL_DELETE, { pool, flags });
  }

  async undefinePool(pool: PoolRef): Promise<void> {
    await this.rpc.call(P.STORAGE_POOL_UNDEFINE, { pool });
  }

  async refreshPool(pool: PoolRef): Promise<void> {
    await this.rpc.call(P.STORAGE_POOL_REFRESH, { pool, flags: 0 });
  }

  async poolInfo(pool: PoolRef): Promise<PoolInfo> {
    const r = await this.rpc.call(P.STORAGE_POOL_GET_INFO, { pool });
    return { ...r, state: poolStateWord(r.state), stateCode: r.state };
  }

  poolXml(pool: PoolRef, flags = 0): Promise<string> {
    return this.rpc.call(P.STORAGE_POOL_GET_XML_DESC, { pool, flags });
  }

  getPoolAutostart(pool: PoolRef): Promise<boolean> {
    return this.rpc.call(P.STORAGE_POOL_GET_AUTOSTART, { pool });
  }

  async setPoolAutostart(pool: PoolRef, on: boolean): Promise<void> {
    await this.rpc.call(P.STORAGE_POOL_SET_AUTOSTART, { pool, autostart: on ? 1 : 0 });
  }

  isPoolActive(pool: PoolRef): Promise<boolean> {
    return this.rpc.call(P.STORAGE_POOL_IS_ACTIVE, { pool });
  }

  async listVolumes(pool: PoolRef): Promise<VolRef[]> {
    return (
      await this.rpc.call(P.STORAGE_POOL_LIST_ALL_VOLUMES, { pool, needResults: 1, flags: 0 })
    ).vols;
  }

  async lookupVolume(pool: PoolRef, name: string): Promise<VolRef> {
    return (await this.rpc.call(P.STORAGE_VOL_LOOKUP_BY_NAME, { pool, name })).vol;
  }

  async lookupVolumeByPath(path: string): Promise<VolRef> {
    return (await this.rpc.call(P.STORAGE_VOL_LOOKUP_BY_PATH, { path })).vol;
  }

  async createVolume(pool: PoolRef, xml: string, flags = 0): Promise<VolRef> {
    return (await this.rpc.call(P.STORAGE_VOL_CREATE_XML, { pool, xml, flags })).vol;
  }

  /** Creates a volume whose content is copied from `source`. */
  async cloneVolume(pool: PoolRef, xml: string, source: VolRef, flags = 0): Promise<VolRef> {
    return (
      await this.rpc.call(P.STORAGE_VOL_CREATE_XML_FROM, { pool, xml, clonevol: source, flags })
    ).vol;
  }

  async deleteVolume(vol: VolRef, flags = 0): Promise<void> {
    await this.rpc.call(P.STORAGE_VOL_DELETE, { vol, flags });
  }

  /** Resizes to `capacity` bytes (VolFlags RESIZE_* modify the meaning). */
  async resizeVolume(vol: VolRef, capacity: number, flags = 0): Promise<void> {
    await this.rpc.call(P.STORAGE_VOL_RESIZE, { vol, capacity, flags });
  }

  async volumeInfo(vol: VolRef): Promise<VolInfo> {
    const r = await this.rpc.call(P.STORAGE_VOL_GET_INFO, { vol });
    return { ...r, type: volTypeWord(r.type), typeCode: r.type };
  }

  volumePath(vol: VolRef): Promise<string> {
    return this.rpc.call(P.STORAGE_VOL_GET_PATH, { vol });
  }

  volumeXml(vol: VolRef, flags = 0): Promise<string> {
    return this.rpc.call(P.STORAGE_VOL_GET_XML_DESC, { vol, flags });
  }
}
