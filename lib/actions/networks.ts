"use server";
import {
  addDhcpHostOp,
  changeNetworkStateOp,
  createNetworkOp,
  deleteNetworkOp,
  removeDhcpHostOp,
} from "@/lib/networks/operations";
import { serverAction } from "./action";

export const createNetworkAction = serverAction(createNetworkOp);
export const changeNetworkStateAction = serverAction(changeNetworkStateOp);
export const deleteNetworkAction = serverAction(deleteNetworkOp);
export const addDhcpHostAction = serverAction(addDhcpHostOp);
export const removeDhcpHostAction = serverAction(removeDhcpHostOp);
