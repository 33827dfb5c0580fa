/**
 * How a contract is described: a channel is a request schema, a response schema and who may call
 * it; the types for the renderer's bridge and the engine's handlers are derived from that table.
 */
import type { z } from 'zod';

/**
 * Who may call a channel. The dispatcher's guard proves it before the handler runs, in Electron and
 * in the browser host alike:
 * - `anyone`: no patient data in the answer (signed out too);
 * - `operator`: someone is signed in at this station;
 * - `supervisor`: signed in, and the request carries the supervisor PIN (`supervisorPin`);
 * - `admin`: the request carries the admin PIN (`adminPin`); nobody need be signed in.
 */
export const ACCESS_LEVELS = ['anyone', 'operator', 'supervisor', 'admin'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

/** The request field that carries the PIN a level needs. */
export const PIN_FIELD = { supervisor: 'supervisorPin', admin: 'adminPin' } as const;

export interface ChannelSpec<
  Req extends z.ZodType = z.ZodType,
  Res extends z.ZodType = z.ZodType,
  A extends Access = Access,
> {
  readonly request: Req;
  readonly response: Res;
  readonly access: A;
}

export type ContractShape = Readonly<Record<string, Readonly<Record<string, ChannelSpec>>>>;
export type EventsShape = Readonly<Record<string, z.ZodType>>;

/** A channel anyone, or any signed-in operator, may call. */
export function channel<Req extends z.ZodType, Res extends z.ZodType, A extends 'anyone' | 'operator'>(
  access: A,
  request: Req,
  response: Res,
): ChannelSpec<Req, Res, A> {
  return { request, response, access };
}

/** A channel that needs a PIN: its request must carry the PIN field (checked by the type). */
export function pinChannel<
  A extends 'supervisor' | 'admin',
  Req extends z.ZodType<Record<(typeof PIN_FIELD)[A], string>>,
  Res extends z.ZodType,
>(access: A, request: Req, response: Res): ChannelSpec<Req, Res, A> {
  return { request, response, access };
}

/** Who the guard let through: handlers of `operator` and `supervisor` channels always have the operator. */
export type CallerFor<A extends Access> = A extends 'operator' | 'supervisor'
  ? { readonly operator: string }
  : { readonly operator?: string | undefined };
export type Caller = CallerFor<Access>;

export type ChannelName<C extends ContractShape> = {
  [NS in keyof C & string]: `${NS}.${keyof C[NS] & string}`;
}[keyof C & string];

/** The renderer's view: `kiosk.ns.method(request) → Promise<response>`. */
export type Bridge<C extends ContractShape> = {
  readonly [NS in keyof C]: {
    readonly [M in keyof C[NS]]: (request: z.input<C[NS][M]['request']>) => Promise<z.output<C[NS][M]['response']>>;
  };
};

/** Subscribing to pushed events: `kiosk.on('jobs.changed', (job) => …)` returns an unsubscribe. */
export interface EventSubscriber<E extends EventsShape> {
  on<K extends keyof E & string>(event: K, listener: (payload: z.output<E[K]>) => void): () => void;
}

/** The engine's side: one handler per channel, given the parsed request and the caller the guard proved. */
export type Handlers<C extends ContractShape> = {
  readonly [NS in keyof C]: {
    readonly [M in keyof C[NS]]: (
      request: z.output<C[NS][M]['request']>,
      caller: CallerFor<C[NS][M]['access']>,
    ) => Promise<z.input<C[NS][M]['response']>> | z.input<C[NS][M]['response']>;
  };
};

export function channelNames<C extends ContractShape>(c: C): ChannelName<C>[] {
  return Object.entries(c).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}` as ChannelName<C>));
}

export function channelSpec(c: ContractShape, name: string): ChannelSpec | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const methods = Object.hasOwn(c, name.slice(0, dot)) ? c[name.slice(0, dot)] : undefined;
  const method = name.slice(dot + 1);
  return methods && Object.hasOwn(methods, method) ? methods[method] : undefined;
}
