/** Issue 15 item 11: accounts (admins), units, SLA policies and their assignment (supervisors). */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { TSlaPolicy } from '../../../shared/clock/policy-schema';
import type { Role, UnitKind } from '../../../shared/domain';
import type { PolicyAssignmentView, TPolicyAssignmentInput } from '../../../shared/schemas/policies';
import { api } from '../lib/api';
import { keys } from './keys';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number | null;
  active: boolean;
  createdAt: string;
}
export interface UnitRow {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  active: boolean;
  liaisons: number;
}
export interface PolicyVersionRow {
  code: string;
  version: number;
  definition: TSlaPolicy;
  createdAt: string;
  createdBy: number | null;
}

export const usersQuery = queryOptions({ queryKey: ['users'], queryFn: () => api<{ users: UserRow[] }>('GET', '/api/users') });
export const allUnitsQuery = queryOptions({ queryKey: ['units', 'all'], queryFn: () => api<{ units: UnitRow[] }>('GET', '/api/units/all') });
export const policiesQuery = queryOptions({ queryKey: keys.policies, queryFn: () => api<PolicyVersionRow[]>('GET', '/api/policies') });
export const assignmentsQuery = queryOptions({
  queryKey: ['policy-assignments'],
  queryFn: () => api<PolicyAssignmentView[]>('GET', '/api/policy-assignments'),
});

async function then<T>(qc: QueryClient, answer: Promise<T>, ...queryKeys: (readonly string[])[]): Promise<T> {
  const value = await answer;
  await Promise.all(queryKeys.map((queryKey) => qc.invalidateQueries({ queryKey })));
  return value;
}

export const createUser = (qc: QueryClient, input: Omit<UserRow, 'id' | 'active' | 'createdAt'> & { password: string }) =>
  then(qc, api<UserRow>('POST', '/api/users', input), ['users']);
export const updateUser = (qc: QueryClient, id: number, input: Partial<Pick<UserRow, 'displayName' | 'roles' | 'unitId'>>) =>
  then(qc, api<UserRow>('PATCH', `/api/users/${id}`, input), ['users']);
export const setUserActive = (qc: QueryClient, id: number, active: boolean) => then(qc, api<UserRow>('POST', `/api/users/${id}/active`, { active }), ['users']);
export const resetPassword = (qc: QueryClient, id: number, password: string) =>
  then(qc, api<UserRow>('POST', `/api/users/${id}/password`, { password }), ['users']);

export const createUnit = (qc: QueryClient, input: Pick<UnitRow, 'code' | 'name' | 'kind'>) => then(qc, api<UnitRow>('POST', '/api/units', input), ['units']);
export const renameUnit = (qc: QueryClient, id: number, name: string) => then(qc, api<UnitRow>('PATCH', `/api/units/${id}`, { name }), ['units']);
export const setUnitActive = (qc: QueryClient, id: number, active: boolean) => then(qc, api<UnitRow>('POST', `/api/units/${id}/active`, { active }), ['units']);

export const publishPolicy = (qc: QueryClient, code: string, definition: Omit<TSlaPolicy, 'code' | 'version'>) =>
  then(qc, api<{ code: string; version: number }>('POST', `/api/policies/${code}`, definition), keys.policies);
export const assignPolicy = (qc: QueryClient, input: TPolicyAssignmentInput) =>
  then(qc, api<PolicyAssignmentView>('POST', '/api/policy-assignments', input), ['policy-assignments']);
