/**
 * One description per DTO field: its type and in which of PowerOffice's models it appears (read DTO, PostDto,
 * PatchDto). The TypeScript DTO types, POST body reading, JSON Patch rules and rendering all derive from it.
 */

/** `?` marks nullable. "object"/"list" nest another spec. */
export type TypeCode =
  | "string"
  | "string?"
  | "int"
  | "int?"
  | "number"
  | "number?"
  | "bool"
  | "bool?"
  | "date"
  | "date?"
  | "datetime"
  | "datetime?"
  | "uuid"
  | "uuid?"
  | "enum?"
  | "intArray?"
  | "object"
  | "object?"
  | "list?";

export interface FieldSpec {
  readonly type: TypeCode;
  /** D: in the read DTO; P: in the PostDto; U: in the PatchDto (updatable with JSON Patch). */
  readonly in: string;
  readonly maxLength?: number;
  readonly values?: readonly string[];
  readonly nested?: Spec;
}

export type Spec = { readonly [name: string]: FieldSpec };

export function field<
  const T extends TypeCode,
  const W extends string,
  const X extends Pick<FieldSpec, "maxLength" | "values" | "nested"> = Record<never, never>,
>(type: T, where: W, extra?: X): { type: T; in: W } & X {
  return { type, in: where, ...(extra as X) };
}

type Mode = "dto" | "row";
type Base<T> = T extends `${infer B}?` ? B : T;
type OrNull<F> = F extends { type: `${string}?` } ? null : never;

type ValueOf<F, M extends Mode> = F extends { type: infer T }
  ?
      | (Base<T> extends "string" | "date" | "uuid"
          ? string
          : Base<T> extends "int" | "number"
            ? number
            : Base<T> extends "bool"
              ? boolean
              : Base<T> extends "datetime"
                ? M extends "row"
                  ? bigint
                  : string
                : Base<T> extends "enum"
                  ? F extends { values: readonly (infer E)[] }
                    ? E
                    : string
                  : Base<T> extends "intArray"
                    ? number[]
                    : Base<T> extends "object"
                      ? F extends { nested: infer N }
                        ? Shape<N, "D", M>
                        : never
                      : Base<T> extends "list"
                        ? F extends { nested: infer N }
                          ? Shape<N, "D", M>[]
                          : never
                        : never)
      | OrNull<F>
  : never;

type Has<F, Flag extends string> = F extends { in: `${string}${Flag}${string}` } ? true : false;

type Shape<S, Flag extends string, M extends Mode> = {
  -readonly [K in keyof S as Has<S[K], Flag> extends true ? K : never]: ValueOf<S[K], M>;
};

/** The JSON the API returns. */
export type DtoOf<S> = Shape<S, "D", "dto">;
/** What the simulator stores: the DTO with timestamps as ticks. */
export type RowOf<S> = Shape<S, "D", "row">;
/** What a POST body may carry (all optional). */
export type PostOf<S> = Partial<{
  -readonly [K in keyof S as Has<S[K], "P"> extends true ? K : never]: S[K] extends { nested: infer N }
    ? S[K] extends { type: "list?" }
      ? PostOf<N>[] | null
      : PostOf<N> | null
    : ValueOf<S[K], "dto">;
}>;

export function fieldsWith(spec: Spec, flag: "D" | "P" | "U"): string[] {
  return Object.keys(spec).filter((name) => spec[name]!.in.includes(flag));
}
