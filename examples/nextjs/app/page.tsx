import { Exports } from './exports';

export default function Page() {
  return (
    <main>
      <h1>Exports</h1>
      <Exports />
    </main>
  );
}
