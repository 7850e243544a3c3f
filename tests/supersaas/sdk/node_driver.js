// Drives the official Node SDK (npm supersaas-api-client) against the emulator and writes what
// each call returned to the JSON file named by argv[2]. Run by tests/supersaas/sdk/test_node_sdk.py.
const fs = require('fs');
const { Client } = require('supersaas-api-client');

async function main() {
  const client = new Client({
    accountName: process.env.SSS_API_ACCOUNT_NAME,
    api_key: process.env.SSS_API_KEY,
    host: process.env.SSS_API_HOST,
  });
  // The SDK paces itself to one request a second (client-side only); not what is under test.
  client.throttle = async () => {};
  const out = {};
  const rooms = Number(process.env.ROOMS);
  const workshops = Number(process.env.WORKSHOPS);
  const alice = Number(process.env.ALICE);

  out.schedules = (await client.schedules.list()).map((s) => [s.id, s.name]);
  out.created = await client.appointments.create(rooms, alice, {
    start: '2030-02-04 10:00:00', finish: '2030-02-04 11:30:00', full_name: 'Node Booker', resource_id: 'Room 2',
  });
  const bookingId = Number(out.created.match(/\/(\d+)\.json$/)[1]);
  out.read = await client.appointments.get(rooms, bookingId);
  out.updated = await client.appointments.update(rooms, bookingId, { full_name: 'Node Renamed' }, false, true);
  out.reread = await client.appointments.get(rooms, bookingId);
  out.listed = (await client.appointments.list(rooms, null, '2030-02-04 00:00:00', 5)).map((a) => a.id);
  out.free = (await client.appointments.available(rooms, '2030-02-04 00:00:00', 60, 'Room 2', null, 3))
    .map((s) => [s.start, s.finish, s.name]);
  out.changes = (await client.appointments.changes(workshops, '2030-01-01 00:00:00', null, true))
    .map((s) => [s.id, s.bookings.map((b) => b.id)]);
  out.deleted = await client.appointments.delete(rooms, bookingId);
  try {
    await client.appointments.get(rooms, bookingId);
    out.after_delete = 'found';
  } catch (error) {
    out.after_delete = error.message;
  }
  out.user_created = await client.users.create({ name: 'node@example.com', full_name: 'Node User' }, '4242fk');
  out.user = await client.users.get('4242fk');
  out.user_updated = await client.users.update('4242fk', { full_name: 'Node Person' });
  out.user_reread = (await client.users.get('4242fk')).full_name;
  out.user_deleted = await client.users.delete('4242fk');
  out.promotions = (await client.promotions.list()).map((p) => p.code);
  out.super_forms = (await client.forms.forms()).map((f) => f.name);
  fs.writeFileSync(process.argv[2], JSON.stringify(out));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
