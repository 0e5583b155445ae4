declare module "opencc-js" {
  export function Converter(o: { from: string; to: string }): (s: string) => string;
}
