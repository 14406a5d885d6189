import { Module } from '@nestjs/common';
import { TokensRepository } from './tokens.repository.js';

@Module({ providers: [TokensRepository], exports: [TokensRepository] })
export class AuthModule {}
