// One middleware gives every handler the acting person: who they are, their language and time
// zone, and whether they are an admin, each resolved at most once per request and only when a
// handler asks (resolving before the ack could call users.info and make the ack late). A
// handler reads them with `personOf(context)` / `adminOf(context)` instead of looking them up.
import type { Context, Middleware, AnyMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import type { UserContext } from "../people/people.ts";

interface Acting {
  person: () => Promise<UserContext>;
  admin: () => Promise<boolean>;
}

const once = <T>(f: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
};

/** The user a request comes from, wherever its payload keeps the id. */
function actingUserId(body: Record<string, unknown>): string | undefined {
  const b = body as { user_id?: string; user?: { id?: string } | string; event?: { user?: string } };
  if (typeof b.user_id === "string") return b.user_id;
  if (typeof b.user === "object" && typeof b.user?.id === "string") return b.user.id;
  if (typeof b.user === "string") return b.user;
  return b.event?.user;
}

export function actingPerson(deps: Deps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const userId = actingUserId(body as Record<string, unknown>);
    if (userId) {
      const acting: Acting = {
        person: once(() => deps.people.context(userId)),
        admin: once(() => deps.people.isAdmin(userId)),
      };
      (context as Context & { acting?: Acting }).acting = acting;
    }
    await next();
  };
}

function actingOf(context: Context): Acting {
  const acting = (context as Context & { acting?: Acting }).acting;
  if (!acting) throw new Error("no acting person on this request (the handler-context middleware isn't installed)");
  return acting;
}

/** The acting person: language, time zone and translator. */
export const personOf = (context: Context): Promise<UserContext> => actingOf(context).person();

/** Whether the acting person is one of the bot's admins (the one admin rule: people.ts). */
export const adminOf = (context: Context): Promise<boolean> => actingOf(context).admin();
