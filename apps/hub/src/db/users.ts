// Staff users.
import type { Role, User } from '@luot/shared';
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: number;
  created_at: number;
}

export function userFromRow(row: UserRow): User {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
}

export function userStatements(db: Db) {
  return {
    userById: prepared<UserRow>(db, 'SELECT * FROM users WHERE id = ?'),
    userByName: prepared<UserRow>(db, 'SELECT * FROM users WHERE username = ?'),
    insertUser: prepared(
      db,
      `INSERT INTO users (id, username, display_name, role, password_hash, active, created_at)
       VALUES (?, ?, ?, ?, ?, 1, ?)`,
    ),
  };
}

export function userData(db: Db) {
  const st = userStatements(db);
  return {
    displayName(userId: string): string | undefined {
      return st.userById.get(userId)?.display_name;
    },
  };
}

export type UserData = ReturnType<typeof userData>;
