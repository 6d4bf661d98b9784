export default function Landing() {
  return (
    <main>
      <h1>Cadence</h1>
    </main>
  );
}
