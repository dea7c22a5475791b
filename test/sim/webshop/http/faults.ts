/** How the reference webshop matches a fault rule's path (../../faults.ts): with or without the base path. */

/** With base path "/api", "/customers" matches "/api/customers" and "/api/customers/", not "/api/customers/c_1". */
export function faultPathKey(basePath: string): (path: string) => string {
  return (path) => {
    const trimmed = path.replace(/\/+$/, "");
    return basePath && trimmed.startsWith(`${basePath}/`) ? trimmed.slice(basePath.length) : trimmed;
  };
}
