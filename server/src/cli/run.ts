export async function run(args: string[]): Promise<number> { return 2; }
